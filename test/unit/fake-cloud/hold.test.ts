import { describe, expect, it } from 'vitest';
import { Faults } from '../../fake-cloud/faults.ts';

const req = (path: string, method = 'POST') => ({
  host: 'graph.microsoft.com',
  method,
  path,
  search: '',
  inBatch: false,
  headers: {},
});

describe('fault hold rules', () => {
  it('hold a matching request until released, and say when one is held', async () => {
    const f = new Faults();
    const id = f.hold({ method: 'POST', path: /fido2Methods$/, hold: 'response' });
    let held = false;
    void f.whenHeld(id).then(() => (held = true));
    expect(f.decide(req('/v1.0/users/u/authentication/fido2Methods', 'GET')).holdResponse).toBeUndefined();
    const d = f.decide(req('/v1.0/users/u/authentication/fido2Methods'));
    expect(d.holdRequest).toBeUndefined();
    let released = false;
    void d.holdResponse!.then(() => (released = true));
    await Promise.resolve();
    expect(held).toBe(true);
    expect(released).toBe(false);
    expect(f.release(id)).toBe(true);
    await Promise.resolve();
    expect(released).toBe(true);
    // fired once: the next match goes straight through
    expect(f.decide(req('/v1.0/users/u/authentication/fido2Methods')).holdResponse).toBeUndefined();
  });

  it('clear releases whatever is held', async () => {
    const f = new Faults();
    const id = f.hold({ path: '/$batch' });
    const d = f.decide(req('/v1.0/$batch'));
    f.clear();
    await expect(d.holdRequest).resolves.toBeUndefined();
    expect(f.release(id)).toBe(true);
  });
});
