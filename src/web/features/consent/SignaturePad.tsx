import { Button, Group, Input, Paper } from '@mantine/core';
import { IconEraser } from '@tabler/icons-react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePadEngine from 'signature_pad';

/**
 * On-screen signature capture for a tablet, phone or mouse (signature_pad draws smooth strokes from
 * pointer events). Reports the signature as a PNG in base64, or null while empty.
 */
export function SignaturePad(props: { onChange: (png: string | null) => void; error?: string }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadEngine | null>(null);
  const onChangeRef = useRef(props.onChange);
  onChangeRef.current = props.onChange;
  const labelId = useId();
  const hintId = useId();

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePadEngine(canvas, { penColor: '#111', backgroundColor: 'rgba(255,255,255,0)' });
    const report = () => onChangeRef.current(pad.isEmpty() ? null : pad.toDataURL('image/png').split(',')[1]!);
    // The canvas matches its size on screen at the device's pixel density. When a tablet turns,
    // the size changes: the strokes are redrawn at the new size rather than stretched.
    const resize = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const strokes = pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      pad.fromData(strokes);
    };
    resize();
    window.addEventListener('resize', resize);
    pad.addEventListener('endStroke', report);
    padRef.current = pad;
    return () => {
      window.removeEventListener('resize', resize);
      pad.removeEventListener('endStroke', report);
      pad.off();
      padRef.current = null;
    };
  }, []);

  const clear = () => {
    padRef.current?.clear();
    props.onChange(null);
  };

  return (
    <Input.Wrapper
      label={<span id={labelId}>{t('consent.sign.signatureLabel')}</span>}
      description={<span id={hintId}>{t('consent.sign.signatureHint')}</span>}
      error={props.error}
      required
    >
      <Paper withBorder mt={4} style={{ background: '#fff' }}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-labelledby={labelId}
          aria-describedby={hintId}
          data-testid="signature-pad"
          style={{ width: '100%', height: 180, touchAction: 'none', display: 'block', cursor: 'crosshair' }}
        />
      </Paper>
      <Group justify="flex-end" mt={4}>
        <Button variant="subtle" size="xs" leftSection={<IconEraser size={14} aria-hidden="true" />} onClick={clear}>
          {t('consent.sign.clear')}
        </Button>
      </Group>
    </Input.Wrapper>
  );
}
