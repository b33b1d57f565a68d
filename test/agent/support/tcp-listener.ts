// A TCP service that answers "hello" and closes: host B's service in the namespace test.
// usage: node --import tsx tcp-listener.ts HOST PORT
import net from 'node:net';

const [host, port] = process.argv.slice(2);
net
  .createServer((socket) => {
    // Probes (nc -z) reset the connection at once; that must not stop the service.
    socket.on('error', () => undefined);
    socket.end('hello\n');
  })
  .listen(Number(port), host, () => process.stdout.write(`listening on ${host}:${port}\n`));
