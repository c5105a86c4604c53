import type { z } from 'zod';
import type {
  ActionOf,
  AnswerOf,
  Envelope,
  EventOf,
  FunctionName,
} from '../../miniprogram/types/api';
import { envelopeMain, invalidArgument } from '../domain/errors';
import { describeIssue } from './artworks-events';

/**
 * A schema for each action of a function, checked against the contract of miniprogram/types/api.ts:
 * what a schema lets through is that action's event. (The other way, that every event of the
 * contract is accepted, is checked next to the schemas with AcceptsContract.)
 */
export type ActionSchemas<N extends FunctionName> = {
  [A in ActionOf<N>]: z.ZodType<EventOf<N, A>>;
};

/**
 * One handler per action, given the validated event and answering that action's contract; the
 * `context` is main's second argument as the platform passed it (the local host: who is calling).
 */
export type ActionHandlers<N extends FunctionName> = {
  [A in ActionOf<N>]: (event: EventOf<N, A>, context: unknown) => Promise<AnswerOf<N, A>>;
};

/**
 * Compile-time check that a schema accepts every event of the contract (its input side): used as
 * `Holds<AcceptsContract<…>>`, which does not compile when the schema is narrower.
 */
export type AcceptsContract<N extends FunctionName, A extends ActionOf<N>, S extends z.ZodType> =
  EventOf<N, A> extends z.input<S> ? true : false;

export type Holds<T extends true> = T;

/** The event as its schema validates it, or INVALID_ARGUMENT naming the first problem. */
function validate<T>(schema: z.ZodType<T>, event: object): T {
  const result = schema.safeParse(event, { error: describeIssue });
  if (!result.success) throw invalidArgument(result.error.issues[0]?.message ?? '参数无效。');
  return result.data;
}

function isAction<N extends FunctionName>(
  schemas: ActionSchemas<N>,
  action: unknown,
): action is ActionOf<N> {
  return typeof action === 'string' && Object.prototype.hasOwnProperty.call(schemas, action);
}

/**
 * A cloud function's `main`: checks that the event is an object with a known action, validates it
 * with that action's schema (every problem a Chinese sentence naming the field) and answers what the
 * action's handler answers, in the envelope.
 */
export function defineFunction<N extends FunctionName>(
  _name: N,
  schemas: ActionSchemas<N>,
  handlers: ActionHandlers<N>,
  logError?: (error: unknown) => void,
): (event: unknown, context?: unknown) => Promise<Envelope<AnswerOf<N>>> {
  function run<A extends ActionOf<N>>(
    action: A,
    event: object,
    context: unknown,
  ): Promise<AnswerOf<N, A>> {
    return handlers[action](validate(schemas[action], event), context);
  }

  return envelopeMain<AnswerOf<N>>(async (event, context) => {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      throw invalidArgument('请求参数必须是一个对象，例如 { "action": "list" }。');
    }
    const action = (event as { action?: unknown }).action;
    if (!isAction(schemas, action)) {
      throw invalidArgument(`参数 action 无效：应为 ${Object.keys(schemas).join('、')} 之一。`);
    }
    return run(action, event, context);
  }, logError);
}
