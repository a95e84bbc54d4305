// Smart EMS teleconsultation: the ambulance crew and the ER physician of the receiving hospital hold a WebRTC video
// call, each in their own headless Chromium (two browser processes) with Chromium's fake camera and microphone. The
// offer, answer and ICE candidates go only through the gateway (POST /api/ems/cases/:id/messages, relayed on the
// server-sent event stream); no STUN/TURN server, no request outside localhost. Asserts that both sides play the
// other's video (frames advancing), then that hanging up ends the call on both sides.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { BASE_URL, api, eventually, loginUi, openPage, shot } from './support.mjs';

const ER_HCODE = '10697';
const FAKE_MEDIA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--disable-features=WebRtcHideLocalIpsWithMdns'];
const launchWithFakeMedia = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...FAKE_MEDIA],
  });

let crewBrowser;
let erBrowser;
let caseId;
let unitId;
let crewUser;

before(async () => {
  [crewBrowser, erBrowser] = await Promise.all([launchWithFakeMedia(), launchWithFakeMedia()]);
  // a red call near Buddhasothorn, on its way there (the ER sees a case once it heads to its hospital)
  const intake = await api('dispatcher.1669', 'POST', '/ems/cases', {
    callerNumber: '0899999999',
    location: { lat: 13.6905, lng: 101.0791, landmark: 'e2e video call' },
    complaintCode: 'chest-pain',
    answers: { conscious: true, sweatingOrPale: true, chestPainMinutes: 20 },
  });
  caseId = intake.case.caseId;
  const unit = intake.recommendation.find((u) => u.level === 'ALS');
  assert.ok(unit, 'an ALS unit is available');
  unitId = unit.unitId;
  crewUser = `crew.${unitId.toLowerCase()}`;
  await api('dispatcher.1669', 'POST', `/ems/cases/${caseId}/dispatch`, { unitId });
  for (const status of ['en-route', 'on-scene']) await api(crewUser, 'POST', `/ems/units/${unitId}/status`, { status });
  await api(crewUser, 'POST', `/ems/units/${unitId}/status`, { status: 'transporting', destinationHcode: ER_HCODE });
});

after(async () => {
  // bring the unit back to service for the next journeys
  try {
    await api(crewUser, 'POST', `/ems/units/${unitId}/status`, { status: 'at-hospital' });
    await api(crewUser, 'POST', `/ems/cases/${caseId}/handover`);
    await api('er.buddhasothorn', 'POST', `/ems/cases/${caseId}/handover/accept`);
    await api(crewUser, 'POST', `/ems/units/${unitId}/status`, { status: 'available' });
  } catch (e) {
    console.error(`clean-up: ${e.message}`);
  }
  await Promise.all([crewBrowser?.close(), erBrowser?.close()]);
});

/** The remote <video> of `scope` plays: it has a size and its time advances. */
async function playsRemoteVideo(scope) {
  const video = scope.locator('[data-testid=video-remote]');
  const first = await video.evaluate((v) => ({ w: v.videoWidth, t: v.currentTime }));
  await new Promise((r) => setTimeout(r, 1000));
  const second = await video.evaluate((v) => ({ w: v.videoWidth, h: v.videoHeight, t: v.currentTime, state: v.readyState }));
  return first.w > 0 && second.t > first.t && second.state >= 2 ? second : undefined;
}

test('crew and ER physician hold a WebRTC video call signalled through the gateway', async () => {
  const crew = await openPage(crewBrowser);
  await loginUi(crew, crewUser);
  await crew.goto(`${BASE_URL}/ems/crew`);
  await crew.locator('[data-testid=crew-mission]', { hasText: caseId }).waitFor();
  const er = await openPage(erBrowser);
  await loginUi(er, 'er.buddhasothorn');
  await er.goto(`${BASE_URL}/ems/er`);
  const panel = er.locator('[data-testid=incoming-case]', { hasText: caseId });
  await panel.waitFor();
  await er.waitForTimeout(1000); // both streams open

  const started = Date.now();
  await crew.click('[data-testid=video-start]');
  await panel.locator('[data-testid=video-answer]').click({ timeout: 20_000 });
  const crewSees = await eventually(async () => playsRemoteVideo(crew), { timeoutMs: 30_000, intervalMs: 250 });
  const erSees = await eventually(async () => playsRemoteVideo(panel), { timeoutMs: 30_000, intervalMs: 250 });
  const connectedMs = Date.now() - started;
  console.log(`webrtc: connected in ${connectedMs} ms; crew receives ${crewSees.w}x${crewSees.h}, ER receives ${erSees.w}x${erSees.h}`);
  await shot(crew, 'ems-webrtc-crew');
  await shot(er, 'ems-webrtc-er');

  // the signalling went through the gateway: the offer and the answer are relayed, never stored as chat
  const view = await api('er.buddhasothorn', 'GET', `/ems/cases/${caseId}`);
  assert.ok(!view.messages.some((m) => ['offer', 'answer', 'ice'].includes(m.kind)), 'signalling is relayed, not kept');

  await crew.click('[data-testid=video-hangup]');
  await panel.locator('[data-testid=video-start]').waitFor({ timeout: 15_000 });
  await crew.locator('[data-testid=video-start]').waitFor();
  for (const p of [crew, er]) assert.deepEqual(p.external, [], 'no request leaves localhost');
});
