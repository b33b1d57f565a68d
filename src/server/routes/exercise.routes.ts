/**
 * Exercises: the built-in scenarios, starting one on this server (commanders and admins with every entity in
 * scope; one at a time), stopping it, and the current or last run as it unfolds (the UI polls it with `?after=N`).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { currentExerciseSchema, exerciseListSchema, exerciseQuerySchema, exerciseRunSchema, startExerciseSchema } from '../../contracts/exercises.js';
import { authorise } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';

export function exerciseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['exercises'];

  r.get('/api/exercises', {
    schema: { tags, summary: 'The built-in exercise scenarios, each with the real case it is modelled on and whether it fits this estate', response: { 200: exerciseListSchema } },
  }, async (request) => {
    authorise(request, 'estate:read');
    return ctx.exercises.list();
  });

  r.post('/api/exercises', {
    schema: {
      tags,
      summary: 'Run a built-in scenario on this server: simulated agents and people act through the API, and the incident shows like a real one (409 while a run is on)',
      body: startExerciseSchema,
      response: { 202: exerciseRunSchema },
    },
  }, async (request, reply) => {
    const principal = authorise(request, 'exercises:run');
    return reply.status(202).send(await ctx.exercises.start(principal, request.body));
  });

  r.post('/api/exercises/current/stop', {
    schema: {
      tags,
      summary: 'Stop the exercise in progress at its next turn; it still reports what happened so far (409 when none runs)',
      response: { 200: exerciseRunSchema },
    },
  }, async (request) => {
    const principal = authorise(request, 'exercises:run');
    return ctx.exercises.stop(principal);
  });

  r.get('/api/exercises/current', {
    schema: {
      tags,
      summary: 'The current (or last) exercise run: status, progress lines after `after`, its incident, and at the end the summary and the comparison with the real case',
      querystring: exerciseQuerySchema,
      response: { 200: currentExerciseSchema },
    },
  }, async (request) => {
    const principal = authorise(request, 'incident:read');
    return { run: await ctx.exercises.current(principal, request.query.after) };
  });
}
