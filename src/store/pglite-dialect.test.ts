import { describe, expect, it } from 'vitest';
import { Mutex } from './pglite-dialect.js';

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('Mutex', () => {
  it('lets holders in one at a time, in the order they asked', async () => {
    const mutex = new Mutex();
    const trace: string[] = [];
    const hold = async (name: string) => {
      await mutex.lock();
      trace.push(`${name}+`);
      await pause();
      trace.push(`${name}-`);
      mutex.unlock();
    };
    await Promise.all([hold('a'), hold('b'), hold('c')]);
    expect(trace).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
  });

  it('is free again after every holder unlocked', async () => {
    const mutex = new Mutex();
    await mutex.lock();
    mutex.unlock();
    await mutex.lock();
    mutex.unlock();
    mutex.unlock(); // an extra unlock does nothing
    await expect(mutex.lock()).resolves.toBeUndefined();
  });
});
