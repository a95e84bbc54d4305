import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../http/error-handler';
import { requireAuth } from '../../http/require-auth';
import { AuthToken } from '../auth/auth-token';
import type { AuditReport } from './audit-report';
import { auditRouter } from './audit.router';
import type { LedgerAuditService } from './audit.service';

const tokens = new AuthToken({ secret: 's'.repeat(40), ttlSeconds: 60 });
const auditor = `Bearer ${tokens.sign({ username: 'auditor.pho', role: 'auditor', hcode: '00046', mspId: 'ProvincialHealthOfficeMSP' })}`;
const clinician = `Bearer ${tokens.sign({ username: 'clinician.bangkhla', role: 'clinician', hcode: '11138', mspId: 'BangKhlaMSP' })}`;
const report = { ok: true, checkedBlocks: 3 } as unknown as AuditReport;

function app(verify: jest.Mock) {
  const a = express();
  a.use(express.json());
  a.use('/api/audit', requireAuth(tokens), auditRouter({ verify } as LedgerAuditService));
  a.use(errorHandler(() => undefined));
  return a;
}

describe('POST /api/audit/verify', () => {
  it('runs the audit for an auditor, with or without a body', async () => {
    const verify = jest.fn().mockResolvedValue(report);
    const empty = await request(app(verify)).post('/api/audit/verify').set('authorization', auditor);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual(report);
    const body = { fromBlock: 2, toBlock: 9, documents: [{ referralId: 'R-1', document: { diagnoses: [] } }] };
    await request(app(verify)).post('/api/audit/verify').set('authorization', auditor).send(body);
    expect(verify).toHaveBeenLastCalledWith(expect.objectContaining({ username: 'auditor.pho', role: 'auditor' }), body);
  });

  it('answers 403 FORBIDDEN_ROLE to anyone but an auditor and 401 without a token', async () => {
    const verify = jest.fn();
    const forbidden = await request(app(verify)).post('/api/audit/verify').set('authorization', clinician).send({});
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN_ROLE');
    expect((await request(app(verify)).post('/api/audit/verify').send({})).status).toBe(401);
    expect(verify).not.toHaveBeenCalled();
  });

  it.each([{ fromBlock: -1 }, { fromBlock: 5, toBlock: 2 }, { documents: [{ referralId: 'R 1', document: {} }] }, { unknown: true }])(
    'answers 400 VALIDATION_FAILED to %j',
    async (body) => {
      const res = await request(app(jest.fn())).post('/api/audit/verify').set('authorization', auditor).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    },
  );
});
