import { createStoreBindings } from 'mobx-miniprogram-bindings';
import { playerStore } from './player';

/** The player's fields that move every second during playback. */
export type ClockField = 'second' | 'elapsedLabel' | 'remainingLabel' | 'cueIndex';

type Bindings = ReturnType<typeof createStoreBindings>;

const bound = new WeakMap<object, Bindings>();

/**
 * Binds the moving fields only while the page (or component) is on screen: a page hidden under
 * another in the stack spends no setData on the clock, so the whole app stays within its budget
 * however deep the stack. Binding again catches up in a single setData.
 */
export function bindClock(target: object, fields: readonly ClockField[]): void {
  if (bound.has(target)) return;
  const bindings = createStoreBindings(target, {
    store: playerStore,
    fields: [...fields],
    actions: [],
  });
  bindings.updateStoreBindings();
  bound.set(target, bindings);
}

export function unbindClock(target: object): void {
  bound.get(target)?.destroyStoreBindings();
  bound.delete(target);
}
