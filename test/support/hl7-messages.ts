/*
 * Synthetic HL7 v2.5.1 ORU^R01 messages in the styles real labs send them — written to the
 * specification, with made-up people and specimens. Segments end with CR, as on the wire.
 */

export type Obx = {
  code: string;
  text: string;
  system?: string;
  type?: 'CWE' | 'NM' | 'ST' | 'SN';
  value: string;
  units?: string;
  range?: string;
  flags?: string;
  status?: 'F' | 'C' | 'P' | 'X' | 'D';
  method?: string;
};

export type OruOptions = {
  controlId: string;
  facility?: string;
  application?: string;
  patient?: { id: string; authority?: string; family?: string; given?: string; dob?: string };
  orders: {
    placer?: string;
    filler?: string;
    specimenId?: string;
    collected?: string;
    status?: 'F' | 'C' | 'P';
    observations: Obx[];
  }[];
  messageType?: string;
  sentAt?: string;
};

/** An ORU^R01 message. */
export function oru(options: OruOptions): string {
  const facility = options.facility ?? 'ACMELAB';
  const patient = options.patient ?? { id: 'UNKNOWN' };
  const segments = [
    `MSH|^~\\&|${options.application ?? 'LIS'}|${facility}|TANDEM|RIVERBEND|${options.sentAt ?? '20261130120000-0600'}||${options.messageType ?? 'ORU^R01^ORU_R01'}|${options.controlId}|P|2.5.1|||AL|NE`,
    `PID|1||${patient.id}^^^${patient.authority ?? 'TANDEM'}^PI||${patient.family ?? 'Doe'}^${patient.given ?? 'Sam'}||${patient.dob ?? '19900101'}`,
  ];
  options.orders.forEach((order, i) => {
    segments.push(`ORC|RE|${order.placer ?? ''}|${order.filler ?? ''}`);
    segments.push(
      `OBR|${i + 1}|${order.placer ?? ''}|${order.filler ?? ''}|DAU^Drugs of abuse urine panel^L|||${order.collected ?? '20261130091500'}|||||||||||||||${order.collected ?? '20261130091500'}|||${order.status ?? 'F'}`,
    );
    order.observations.forEach((o, j) => {
      const type = o.type ?? 'CWE';
      segments.push(
        `OBX|${j + 1}|${type}|${o.code}^${o.text}^${o.system ?? 'LN'}||${o.value}|${o.units ?? ''}|${o.range ?? ''}|${o.flags ?? ''}|||${o.status ?? 'F'}|||20261130110000|||${o.method ?? ''}`,
      );
    });
    if (order.specimenId)
      segments.push(`SPM|1|${order.specimenId}||UR^Urine^HL70487|||||||||||||${order.collected ?? '20261130091500'}`);
  });
  return `${segments.join('\r')}\r`;
}

export const POS = 'POS^Positive^HL70078';
export const NEG = 'NEG^Negative^HL70078';
