import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import { rejectUnreadable } from './hl7-ack.js';
import { ingestHl7 } from './ingest-hl7.js';
import { startMllpServer } from './mllp.js';

/**
 * The MLLP listener for lab results (off unless TANDEM_MLLP_PORT is set): each message is taken as
 * the HTTPS endpoint takes it, but MLLP carries no credentials — the lab is known by its sending
 * facility, the network must be trusted (a VPN or TLS tunnel), and TANDEM_MLLP_ALLOW can limit which
 * addresses may connect.
 */
export async function startLabListener(db: Db, options: { port: number; host: string; allow: string[] }, log: FastifyBaseLogger) {
  return startMllpServer(
    { ...options, log },
    {
      message: async (text, peer) => {
        const result = await ingestHl7(db, text, {
          transport: 'mllp',
          tokenOrganizationId: null,
          audit: { actor: null, label: `mllp:${peer}`, request: { id: `mllp-${Date.now()}`, ip: peer, userAgent: 'mllp' } },
          receivedBy: `mllp:${peer}`,
        });
        if (result.code !== 'AA') log.warn({ peer, status: result.status }, 'HL7 message refused');
        return result.ack;
      },
      garbage: (bytes, peer) => {
        log.warn({ peer, bytes }, 'Bytes outside an MLLP frame');
        return rejectUnreadable({ code: '100', text: `${bytes} bytes arrived outside an MLLP frame (<VT> message <FS><CR>).` });
      },
    },
  );
}
