import { useTranslation } from 'react-i18next';

/** "2 of 5 · Clinical stabilization" (or "Phase 2 · …" when the number of phases is unknown). */
export function PhaseText(props: { position: number | null; name: string | null; of?: number }) {
  const { t } = useTranslation();
  if (props.position === null || props.name === null) return <>—</>;
  return (
    <>
      {props.of
        ? t('phase.positionOf', { position: props.position, of: props.of, name: props.name })
        : t('phase.position', { position: props.position, name: props.name })}
    </>
  );
}
