// Forwards a Unix socket to host:port. Run inside a network namespace, it lets a test in the root namespace
// reach a server that listens only inside the namespace, without any address or route in the root namespace.
// usage: node --import tsx unix-forward.ts SOCKET_PATH HOST PORT
import net from 'node:net';

const [socketPath, host, port] = process.argv.slice(2);
const server = net.createServer((client) => {
  const upstream = net.connect({ host, port: Number(port) });
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
});
server.listen(socketPath, () => process.stdout.write(`forwarding ${socketPath} -> ${host}:${port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
