import type { CheckCollector } from './audit-report';
import type { ChannelMsps } from './channel-msps';

/**
 * Identity (issue 15): every CRL in a channel configuration's MSP revocation lists must be signed by a CA of
 * that MSP. A CRL that is not is a finding (CRL_SIGNATURE_INVALID); a verified one is noted with what it revokes.
 */
export function checkRevocationLists(msps: ChannelMsps, collector: CheckCollector, blockNumber: number): void {
  for (const msp of msps.all()) {
    for (const crl of msp.crls ?? []) {
      collector.checked();
      if (crl.ok) {
        collector.note(`config block ${blockNumber}: CRL of ${msp.mspId} signed by ${crl.signedBy ?? '?'} verified; revokes ${crl.revokedSerials.length} certificate(s) (${crl.revokedSerials.slice(0, 5).join(', ')}${crl.revokedSerials.length > 5 ? ', …' : ''})`);
      } else {
        collector.problem({ code: 'CRL_SIGNATURE_INVALID', message: `config block ${blockNumber}: a CRL of ${msp.mspId} is not valid: ${crl.reason ?? 'unknown'}`, blockNumber, mspId: msp.mspId });
      }
    }
  }
}
