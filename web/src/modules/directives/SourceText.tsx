import type { SpanView } from '@dieuhanh/core/api/directives';
import { useEffect, useMemo, useRef } from 'react';

interface Segment {
  start: number;
  end: number;
  active: boolean;
  faint: boolean;
}

function segments(length: number, active: readonly SpanView[], faint: readonly SpanView[]): Segment[] {
  const cuts = new Set<number>([0, length]);
  for (const s of [...active, ...faint]) {
    cuts.add(Math.max(0, Math.min(length, s.start)));
    cuts.add(Math.max(0, Math.min(length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const inside = (spans: readonly SpanView[]) => spans.some((s) => s.start <= start && end <= s.end);
    out.push({ start, end, active: inside(active), faint: inside(faint) });
  }
  return out;
}

/**
 * The directive's text with the passages behind the focused field marked. Spans are offsets into
 * exactly this string (the parser's NFC text); the first marked passage is scrolled into view
 * inside the pane (never the whole page).
 */
export function SourceText({
  text,
  active,
  faint = [],
  maxHeight,
  'data-testid': testId,
}: {
  text: string;
  active: readonly SpanView[];
  faint?: readonly SpanView[];
  maxHeight?: number | string;
  'data-testid'?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const parts = useMemo(() => segments(text.length, active, faint), [text, active, faint]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after the marks change, to reveal the first.
  useEffect(() => {
    const container = box.current;
    const first = container?.querySelector<HTMLElement>('mark.src-active');
    if (!container || !first) return;
    const top = first.offsetTop;
    const bottom = top + first.offsetHeight;
    if (top < container.scrollTop + 24 || bottom > container.scrollTop + container.clientHeight - 24) {
      container.scrollTo({ top: Math.max(0, top - container.clientHeight / 3), behavior: 'smooth' });
    }
  }, [parts]);

  return (
    <div ref={box} className="src-text" style={{ maxHeight }} data-testid={testId}>
      {parts.map((p) => {
        // Blank lines before the document's first words are not worth a screen's height.
        const chunk =
          p.start === 0 && !p.active
            ? text.slice(p.start, p.end).replace(/^\s+/, '')
            : text.slice(p.start, p.end);
        if (p.active)
          return (
            <mark key={p.start} className="src-active" data-testid="source-highlight">
              {chunk}
            </mark>
          );
        if (p.faint)
          return (
            <span key={p.start} className="src-faint">
              {chunk}
            </span>
          );
        return <span key={p.start}>{chunk}</span>;
      })}
    </div>
  );
}
