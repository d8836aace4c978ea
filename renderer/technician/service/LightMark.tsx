import type { Light } from './status-lights';

const SYMBOL: Record<Light, string> = { green: '✓', amber: '!', red: '×' };

/**
 * A light with its word beside it ("OK", "Check", "Fault") and a symbol of its own shape:
 * the meaning never rests on colour alone.
 */
export function LightMark({ light, word }: { light: Light; word: string }) {
  return (
    <span className={`light light-${light}`}>
      <span className="light-dot" aria-hidden="true">
        {SYMBOL[light]}
      </span>
      <span className="light-word">{word}</span>
    </span>
  );
}
