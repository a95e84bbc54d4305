import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../http/error-handler';
import { requireAuth } from '../../http/require-auth';
import { AuthToken } from '../auth/auth-token';
import type { Principal } from '../auth/auth-token';
import { emsRouter, streamTokenFromQuery } from './ems.router';
import { CLINICIAN, CREW_BSH_ALS_1, DISPATCHER, DISPATCHER2, ER_BSH, RED_CALL, harness } from './test-support/ems-harness';

const tokens = new AuthToken({ secret: 's'.repeat(40), ttlSeconds: 600 });
const bearer = (p: Principal): string => `Bearer ${tokens.sign(p)}`;

async function app() {
  const h = await harness();
  const a = express();
  a.use(express.json());
  a.use('/api/ems', streamTokenFromQuery, requireAuth(tokens), emsRouter(h.service));
  a.use(errorHandler(() => undefined));
  return { a, h };
}

describe('/api/ems', () => {
  it('POST /cases answers 201 with the triage, then 200 for the same call again', async () => {
    const { a } = await app();
    const first = await request(a).post('/api/ems/cases').set('authorization', bearer(DISPATCHER)).send({ ...RED_CALL, caseId: 'EMS-R1' });
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe('/api/ems/cases/EMS-R1');
    expect(first.body.case.colour).toBe('red');
    const again = await request(a).post('/api/ems/cases').set('authorization', bearer(DISPATCHER)).send({ ...RED_CALL, caseId: 'EMS-R1' });
    expect(again.status).toBe(200);
  });

  it.each([
    [{ ...RED_CALL, callerNumber: 'call me' }, 400, 'VALIDATION_FAILED'],
    [{ ...RED_CALL, extra: 1 }, 400, 'VALIDATION_FAILED'],
    [{ ...RED_CALL, complaintCode: 'alien' }, 400, 'UNKNOWN_COMPLAINT'],
    [{ ...RED_CALL, location: { tambon: 'Atlantis', landmark: 'x' } }, 400, 'UNKNOWN_LOCATION'],
    [{ ...RED_CALL, answers: { conscious: 1 } }, 400, 'INVALID_ANSWER'],
  ])('POST /cases with bad input #%# answers the specific code', async (body, status, code) => {
    const { a } = await app();
    const res = await request(a).post('/api/ems/cases').set('authorization', bearer(DISPATCHER)).send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it('answers 401 without a token and 403 to a clinician', async () => {
    const { a } = await app();
    expect((await request(a).get('/api/ems/units')).status).toBe(401);
    const res = await request(a).post('/api/ems/cases').set('authorization', bearer(CLINICIAN)).send(RED_CALL);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN_ROLE');
  });

  it('two dispatchers sending one unit at the same time: one 200, one 409 UNIT_COMMITTED', async () => {
    const { a } = await app();
    for (const id of ['EMS-X', 'EMS-Y']) await request(a).post('/api/ems/cases').set('authorization', bearer(DISPATCHER)).send({ ...RED_CALL, caseId: id });
    const [r1, r2] = await Promise.all([
      request(a).post('/api/ems/cases/EMS-X/dispatch').set('authorization', bearer(DISPATCHER)).send({ unitId: 'BSH-ALS-1' }),
      request(a).post('/api/ems/cases/EMS-Y/dispatch').set('authorization', bearer(DISPATCHER2)).send({ unitId: 'BSH-ALS-1' }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    expect([r1, r2].find((r) => r.status === 409)?.body.error.code).toBe('UNIT_COMMITTED');
  });

  it('illegal status jumps get 409 INVALID_TRANSITION; bad telemetry 400; telemetry 202 with flags', async () => {
    const { a } = await app();
    await request(a).post('/api/ems/cases').set('authorization', bearer(DISPATCHER)).send({ ...RED_CALL, caseId: 'EMS-S' });
    await request(a).post('/api/ems/cases/EMS-S/dispatch').set('authorization', bearer(DISPATCHER)).send({ unitId: 'BSH-ALS-1' });
    const jump = await request(a).post('/api/ems/units/BSH-ALS-1/status').set('authorization', bearer(CREW_BSH_ALS_1)).send({ status: 'transporting' });
    expect(jump.status).toBe(409);
    expect(jump.body.error.code).toBe('INVALID_TRANSITION');
    const bad = await request(a).post('/api/ems/units/BSH-ALS-1/telemetry').set('authorization', bearer(CREW_BSH_ALS_1)).send({ at: 'yesterday', vitals: { hr: 80 } });
    expect(bad.status).toBe(400);
    const empty = await request(a).post('/api/ems/units/BSH-ALS-1/telemetry').set('authorization', bearer(CREW_BSH_ALS_1)).send({ at: '2026-11-30T03:00:00Z' });
    expect(empty.status).toBe(400);
    const ok = await request(a)
      .post('/api/ems/units/BSH-ALS-1/telemetry')
      .set('authorization', bearer(CREW_BSH_ALS_1))
      .send({ at: '2026-11-30T03:00:00Z', vitals: { hr: -5, spo2: 97 } });
    expect(ok.status).toBe(202);
    expect(ok.body).toEqual({ stored: 2, flags: { hr: ['IMPLAUSIBLE'] } });
  });

  it('GET /stream sends server-sent events to a dispatcher (token in the query) and respects the ER scope', async () => {
    const { a } = await app();
    const server = http.createServer(a).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${String(port)}`;
    const controller = new AbortController();
    try {
      const token = tokens.sign(DISPATCHER);
      const res = await fetch(`${base}/api/ems/stream?access_token=${token}`, { signal: controller.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      const readUntil = async (needle: string): Promise<void> => {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += Buffer.from(value).toString('utf8');
        }
      };
      await readUntil('event: hello');
      await request(a).post('/api/ems/cases').set('authorization', bearer(DISPATCHER)).send({ ...RED_CALL, caseId: 'EMS-SSE' });
      await readUntil('EMS-SSE');
      expect(text).toContain('event: case');
      const erStream = await fetch(`${base}/api/ems/stream`, { headers: { authorization: bearer(ER_BSH) } });
      expect(erStream.status).toBe(200);
      await erStream.body?.cancel();
      const clinician = await fetch(`${base}/api/ems/stream`, { headers: { authorization: bearer(CLINICIAN) } });
      expect(clinician.status).toBe(403);
    } finally {
      controller.abort();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
