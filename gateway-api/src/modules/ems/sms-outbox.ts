/** Sends a text message (SMS) to a phone number; the real provider is plugged in behind this interface. */
export interface SmsOutbox {
  send(to: string, text: string): Promise<{ messageId: string }>;
}

/** Simulator: keeps what would have been sent. */
export class SimulatedSmsOutbox implements SmsOutbox {
  public readonly sent: { messageId: string; to: string; text: string }[] = [];

  public send(to: string, text: string): Promise<{ messageId: string }> {
    const messageId = `SIM-SMS-${String(this.sent.length + 1).padStart(6, '0')}`;
    this.sent.push({ messageId, to, text });
    return Promise.resolve({ messageId });
  }
}
