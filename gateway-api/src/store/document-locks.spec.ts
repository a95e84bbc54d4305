import { lockDocument, lockedDocuments } from './document-locks';

describe('lockDocument', () => {
  it('runs the writes to one document one after the other, in arrival order, and others alongside', async () => {
    const order: string[] = [];
    const write = async (key: string, name: string, ms: number): Promise<void> => {
      const release = await lockDocument(key);
      order.push(`${name}+`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${name}-`);
      release();
    };
    await Promise.all([write('payments\u0000A', 'a1', 20), write('payments\u0000A', 'a2', 1), write('payments\u0000B', 'b1', 5)]);
    // a2 waited for a1 although it is quicker; b1 ran during a1
    expect(order.indexOf('a2+')).toBeGreaterThan(order.indexOf('a1-'));
    expect(order.indexOf('b1+')).toBeLessThan(order.indexOf('a1-'));
    expect(lockedDocuments()).toBe(0);
  });
});
