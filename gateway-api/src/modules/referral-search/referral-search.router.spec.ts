import express from 'express';
import request from 'supertest';
import { createApp } from '../../app';
import { newReferral } from '../../fabric/events/test-support/fake-blocks';
import { InMemoryReadModel } from '../../store/in-memory-read-model';
import { toReferralDocument } from '../../store/read-model';
import { UnitRegistry } from '../../units/unit-registry';
import { AuthToken } from '../auth/auth-token';
import { UserDirectory } from '../auth/user-directory';
import type { ReferralsService } from '../referrals/referrals.service';
import { ReferralSearchService } from './referral-search.service';

const tokens = new AuthToken({ secret: 's'.repeat(40), ttlSeconds: 60 });
const nurse = `Bearer ${tokens.sign({ username: 'nurse.buddhasothorn', role: 'nurse', hcode: '10697', mspId: 'BuddhasothornMSP' })}`;
const auditor = `Bearer ${tokens.sign({ username: 'auditor.pho', role: 'auditor', hcode: '00024', mspId: 'ProvincialHealthOfficeMSP' })}`;

async function app(): Promise<{ app: express.Express; get: jest.Mock; create: jest.Mock }> {
  const model = new InMemoryReadModel();
  await model.saveReferral(toReferralDocument(newReferral('R-1', 'tx1', '2026-11-25T08:00:00.000Z', { fastTrack: '02' }), { blockNumber: 5, txIndex: 0, txId: 'tx1' }));
  await model.saveReferral(
    toReferralDocument(newReferral('R-2', 'tx2', '2026-11-25T09:00:00.000Z', { fromHcode: '11139', toHcode: '11138' }), { blockNumber: 6, txIndex: 0, txId: 'tx2' }),
  );
  const get = jest.fn().mockResolvedValue({ id: 'from-ledger' });
  const create = jest.fn();
  const referralSearch = new ReferralSearchService({ repository: model, units: new UnitRegistry([]) });
  const built = createApp({
    users: new UserDirectory([]),
    tokens,
    units: new UnitRegistry([]),
    referrals: { get, create } as unknown as ReferralsService,
    referralSearch,
    health: express.Router(),
    log: () => undefined,
  });
  return { app: built, get, create };
}

describe('referral search routes', () => {
  it('GET /api/referrals lists the caller’s referrals as { items, page, pageSize, total }', async () => {
    const { app: a } = await app();
    const res = await request(a).get('/api/referrals?direction=incoming').set('authorization', nurse);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 1 });
    expect(res.body.items[0]).toMatchObject({ id: 'R-1', fastTrack: '02', ledger: { blockNumber: 5, txIndex: 0, txId: 'tx1' } });
    const all = await request(a).get('/api/referrals').set('authorization', auditor);
    expect(all.body.total).toBe(2);
  });

  it('does not take /stats for a referral id, and leaves GET /:id and POST / to the ledger router', async () => {
    const { app: a, get, create } = await app();
    const stats = await request(a).get('/api/referrals/stats').set('authorization', nurse);
    expect(stats.status).toBe(200);
    expect(stats.body.overall.total).toBe(1);
    expect(get).not.toHaveBeenCalled();
    const one = await request(a).get('/api/referrals/R-1').set('authorization', nurse);
    expect(one.status).toBe(200);
    expect(get).toHaveBeenCalledTimes(1);
    const post = await request(a).post('/api/referrals').set('authorization', nurse).send({});
    expect(post.status).toBe(400);
    expect(create).not.toHaveBeenCalled();
  });

  it('GET /api/referrals/:id/time-in-state answers from the store with the same visibility', async () => {
    const { app: a } = await app();
    const mine = await request(a).get('/api/referrals/R-1/time-in-state').set('authorization', nurse);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: 'R-1', status: 'requested', periods: [{ status: 'requested', leftAt: null }] });
    const other = await request(a).get('/api/referrals/R-2/time-in-state').set('authorization', nurse);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN_UNIT');
    expect((await request(a).get('/api/referrals/R-404/time-in-state').set('authorization', nurse)).status).toBe(404);
    expect((await request(a).get('/api/referrals/bad%20id/time-in-state').set('authorization', nurse)).status).toBe(400);
  });

  it('requires a token', async () => {
    const { app: a } = await app();
    for (const path of ['/api/referrals', '/api/referrals/stats', '/api/referrals/R-1/time-in-state']) {
      const res = await request(a).get(path);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it.each([
    ['direction=sideways', 'direction'],
    ['status=requested,lost', 'status'],
    ['status=', 'status'],
    ['priority=0', 'priority'],
    ['priority=6', 'priority'],
    ['priority=high', 'priority'],
    ['fastTrack=yes', 'fastTrack'],
    ['unit=123', 'unit'],
    ['from=yesterday', 'from'],
    ['from=2026-11-25&to=2026-11-01', 'from'],
    ['q=R%2A', 'q'],
    ['page=0', 'page'],
    ['page=-1', 'page'],
    ['pageSize=101', 'pageSize'],
    ['pageSize=1.5', 'pageSize'],
    ['status=requested&status=accepted', 'status'],
    ['sort=priority', ''],
  ])('answers 400 VALIDATION_FAILED to ?%s', async (query, field) => {
    const { app: a } = await app();
    const res = await request(a).get(`/api/referrals?${query}`).set('authorization', nurse);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    // the field named first (a list item as status.1)
    expect(res.body.error.details.map((d: { path: string }) => d.path.split('.')[0])).toContain(field);
  });

  it('answers 400 to bad stats queries and 403 to another unit', async () => {
    const { app: a } = await app();
    expect((await request(a).get('/api/referrals/stats?to=2026-13-01').set('authorization', nurse)).status).toBe(400);
    const other = await request(a).get('/api/referrals/stats?unit=11138').set('authorization', nurse);
    expect(other.status).toBe(403);
    expect((await request(a).get('/api/referrals/stats?unit=11138').set('authorization', auditor)).body.units[0].unit.hcode).toBe('11138');
  });
});
