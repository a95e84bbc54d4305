import { Component, DestroyRef, type ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { Session } from '../../core/auth/session';
import { EmsApi } from './ems-api';
import { EmsText } from './ems-text';

interface Signal {
  caseId: string;
  from: string;
  kind: 'offer' | 'answer' | 'ice' | 'hangup';
  payload?: unknown;
}

/**
 * Teleconsultation video between the crew and the ER (WebRTC in the browser). Offers, answers and ICE candidates go
 * through the gateway (POST /api/ems/cases/:id/messages, relayed on the live stream); media flows peer to peer.
 */
@Component({
  selector: 'app-video-call',
  template: `
    <div class="video-call">
      <div class="btn-row">
        @switch (state()) {
          @case ('idle') { <button type="button" class="btn" (click)="call()" data-testid="video-start">{{ text.t('video.start') }}</button> }
          @case ('ringing') { <button type="button" class="btn btn-primary" (click)="answer()" data-testid="video-answer">{{ text.t('video.answer') }}</button> }
          @default { <button type="button" class="btn btn-danger" (click)="hangUp(true)" data-testid="video-hangup">{{ text.t('video.hangup') }}</button> }
        }
        <span role="status" class="muted" data-testid="video-state">{{ text.t(stateKey()) }}</span>
      </div>
      <div class="videos" [hidden]="state() === 'idle' || state() === 'ringing'">
        <video #remote autoplay playsinline [attr.aria-label]="text.t('video.remote')" data-testid="video-remote"></video>
        <video #local autoplay playsinline muted [attr.aria-label]="text.t('video.local')"></video>
      </div>
    </div>
  `,
  styles: `
    .videos { display: grid; grid-template-columns: 2fr 1fr; gap: .5rem; margin-top: .5rem; }
    video { width: 100%; background: #111; border-radius: .4rem; min-height: 6rem; }
  `,
})
export class VideoCall {
  public readonly caseId = input.required<string>();
  protected readonly text = inject(EmsText);
  readonly #api = inject(EmsApi);
  readonly #me = inject(Session).user()?.username ?? '';
  private readonly remote = viewChild.required<ElementRef<HTMLVideoElement>>('remote');
  private readonly local = viewChild.required<ElementRef<HTMLVideoElement>>('local');

  protected readonly state = signal<'idle' | 'calling' | 'ringing' | 'connecting' | 'connected'>('idle');
  #pc: RTCPeerConnection | undefined;
  #stream: MediaStream | undefined;
  #offer: RTCSessionDescriptionInit | undefined;
  #pendingIce: RTCIceCandidateInit[] = [];

  public constructor() {
    const close = this.#api.stream((e) => {
      if (e.type === 'signal') void this.#onSignal(e.data as Signal);
    });
    inject(DestroyRef).onDestroy(() => {
      close();
      this.hangUp(false);
    });
  }

  protected stateKey(): 'video.idle' | 'video.calling' | 'video.ringing' | 'video.connecting' | 'video.connected' {
    return `video.${this.state()}`;
  }

  protected async call(): Promise<void> {
    const pc = await this.#open();
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    this.state.set('calling');
    await this.#send('offer', { type: offer.type, sdp: offer.sdp });
  }

  protected async answer(): Promise<void> {
    if (this.#offer === undefined) return;
    const pc = await this.#open();
    await pc.setRemoteDescription(this.#offer);
    await this.#flushIce();
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    this.state.set('connecting');
    await this.#send('answer', { type: answer.type, sdp: answer.sdp });
  }

  public hangUp(tell: boolean): void {
    if (tell && this.#pc !== undefined) void this.#send('hangup', {});
    this.#pc?.close();
    this.#pc = undefined;
    this.#stream?.getTracks().forEach((t) => t.stop());
    this.#stream = undefined;
    this.#offer = undefined;
    this.#pendingIce = [];
    this.state.set('idle');
  }

  async #open(): Promise<RTCPeerConnection> {
    this.#stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    this.local().nativeElement.srcObject = this.#stream;
    const pc = new RTCPeerConnection({ iceServers: [] });
    for (const track of this.#stream.getTracks()) pc.addTrack(track, this.#stream);
    pc.onicecandidate = (e) => {
      if (e.candidate) void this.#send('ice', e.candidate.toJSON());
    };
    pc.ontrack = (e) => {
      this.remote().nativeElement.srcObject = e.streams[0] ?? null;
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') this.state.set('connected');
      if (pc.connectionState === 'failed') this.hangUp(false);
    };
    this.#pc = pc;
    return pc;
  }

  async #onSignal(s: Signal): Promise<void> {
    if (s.caseId !== this.caseId() || s.from === this.#me) return;
    if (s.kind === 'offer' && this.state() === 'idle') {
      this.#offer = s.payload as RTCSessionDescriptionInit;
      this.state.set('ringing');
    } else if (s.kind === 'answer' && this.#pc !== undefined) {
      await this.#pc.setRemoteDescription(s.payload as RTCSessionDescriptionInit);
      this.state.set('connecting');
      await this.#flushIce();
    } else if (s.kind === 'ice') {
      this.#pendingIce.push(s.payload as RTCIceCandidateInit);
      if (this.#pc?.remoteDescription) await this.#flushIce();
    } else if (s.kind === 'hangup') {
      this.hangUp(false);
    }
  }

  async #flushIce(): Promise<void> {
    const pc = this.#pc;
    if (pc === undefined) return;
    const queued = this.#pendingIce;
    this.#pendingIce = [];
    for (const c of queued) await pc.addIceCandidate(c).catch(() => undefined);
  }

  async #send(kind: Signal['kind'], payload: unknown): Promise<void> {
    await this.#api.signal(this.caseId(), kind, payload);
  }
}
