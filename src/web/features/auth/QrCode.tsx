import { Skeleton } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of `value` drawn as SVG (no network, allowed by the page's content security policy). */
export function QrCode(props: { value: string; label: string; size?: number }) {
  const size = props.size ?? 200;
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toString(props.value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((svg) => {
        if (!cancelled) setSource(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => setSource(null));
    return () => {
      cancelled = true;
    };
  }, [props.value]);
  if (!source) return <Skeleton width={size} height={size} />;
  return <img src={source} alt={props.label} width={size} height={size} style={{ background: 'white' }} />;
}
