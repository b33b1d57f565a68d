/**
 * The Fastify application: validation (zod), authentication on every route, one error handler, OpenAPI at
 * /api/openapi.json. Routes follow validate -> authorise -> act -> present.
 */
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installAuthentication } from './auth/authenticate.js';
import type { AppContext } from './context.js';
import { installErrorHandler } from './errors.js';
import { agentChannelRoutes } from './routes/agent-channel.routes.js';
import { agentRoutes } from './routes/agent.routes.js';
import { authRoutes } from './routes/auth.routes.js';
import { estateRoutes } from './routes/estate.routes.js';
import { exerciseRoutes } from './routes/exercise.routes.js';
import { healthRoutes, VERSION } from './routes/health.routes.js';
import { incidentRoutes } from './routes/incident.routes.js';
import { indicatorRoutes } from './routes/indicator.routes.js';
import { intakeRoutes } from './routes/intake.routes.js';
import { noticeRoutes } from './routes/notice.routes.js';
import { obligationRoutes } from './routes/obligation.routes.js';
import { connectorRoutes } from './routes/connector.routes.js';
import { planRoutes } from './routes/plan.routes.js';
import { recoveryRoutes } from './routes/recovery.routes.js';
import { scopeRoutes } from './routes/scope.routes.js';
import { streamRoutes } from './routes/stream.routes.js';
import { userRoutes } from './routes/users.routes.js';

export interface AppOptions {
  /** Pino logger options, or false for none (tests). */
  logger?: boolean | { level: string };
  /** Extra plugins registered after the API (the web UI). */
  extend?: (app: FastifyInstance) => Promise<void> | void;
}

/** A registered route, for the route-by-role test and the docs. */
export interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    firebreakRoutes: RouteInfo[];
  }
}

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'];

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const logger = options.logger === undefined || options.logger === false ? false : { ...(options.logger === true ? {} : options.logger), redact: REDACT };
  const app = Fastify({
    logger,
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: false,
    // One line per request is noise at the default level; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, public: route.config?.public === true });
  });
  app.decorate('firebreakRoutes', routes);
  installErrorHandler(app);
  installAuthentication(app, ctx.store, ctx.now);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Firebreak API', version: VERSION, description: 'Ransomware incident command: estate, incidents, audit.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The agent channel (WebSocket upgrades go through the same hooks: authentication, then the route).
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });

  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  userRoutes(app, ctx);
  estateRoutes(app, ctx);
  incidentRoutes(app, ctx);
  streamRoutes(app, ctx);
  agentRoutes(app, ctx);
  agentChannelRoutes(app, ctx);
  intakeRoutes(app, ctx);
  indicatorRoutes(app, ctx);
  obligationRoutes(app, ctx);
  planRoutes(app, ctx);
  scopeRoutes(app, ctx);
  recoveryRoutes(app, ctx);
  noticeRoutes(app, ctx);
  connectorRoutes(app, ctx);
  exerciseRoutes(app, ctx);

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  if (options.extend) await options.extend(app);
  await app.ready();
  return app;
}
