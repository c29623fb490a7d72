import {
  lazy,
  Suspense,
  useEffect,
  useRef,
  useState,
  type ComponentType,
  type ReactNode,
} from 'react';

import { PHONE_QUERY } from '@site/src/lib/phone';

/** Panels waiting for the idle queue, rendered one per idle period so none blocks input. */
const idleQueue: Array<() => void> = [];
let idleScheduled = false;

function whenIdle(callback: () => void): () => void {
  idleQueue.push(callback);
  if (!idleScheduled) scheduleNext();
  return () => {
    const at = idleQueue.indexOf(callback);
    if (at >= 0) idleQueue.splice(at, 1);
  };
}

function scheduleNext(): void {
  if (idleQueue.length === 0) {
    idleScheduled = false;
    return;
  }
  idleScheduled = true;
  const next = () => {
    idleQueue.shift()?.();
    scheduleNext();
  };
  if (typeof window.requestIdleCallback === 'function') {
    window.requestIdleCallback(next, { timeout: 3_000 });
  } else {
    window.setTimeout(next, 200);
  }
}

/**
 * Renders its children when they come near the viewport, or when the browser is idle,
 * whichever is first (on phones, only near the viewport); until then it keeps `minHeight` of
 * space so nothing below jumps. Heavy panels (charts, tables, plans) so stay out of the page's
 * first tasks.
 */
export default function InView(props: {
  children: ReactNode;
  /** Space held before the children render (CSS length). */
  minHeight: string;
  /** Called once, when the children first render. */
  onShow?: () => void;
}): ReactNode {
  const { children, minHeight, onShow } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);

  useEffect(() => {
    // On a phone a panel renders only when it comes near the viewport: rendering every panel
    // when idle would spend the first seconds (and the battery) on panels far down the one
    // column that the reader may never reach.
    const element = ref.current;
    if (shown || !element) return undefined;
    const show = () => setShown(true);
    if (typeof IntersectionObserver === 'undefined') return whenIdle(show);
    const cancelIdle = window.matchMedia(PHONE_QUERY).matches ? () => {} : whenIdle(show);
    const observer = new IntersectionObserver(
      (entries) => entries.some((entry) => entry.isIntersecting) && show(),
      { rootMargin: '400px 0px' },
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelIdle();
    };
  }, [shown]);

  useEffect(() => {
    if (shown) onShow?.();
  }, [shown, onShow]);

  return (
    <div ref={ref} style={shown ? undefined : { minHeight }}>
      {shown ? children : null}
    </div>
  );
}

/**
 * A component that is a chunk of its own, fetched and rendered when its place on the page comes
 * into view (or the browser is idle): for worksheets and other interactive parts far down a
 * page, so the page's first scripts do not carry them. Not rendered on the server.
 */
export function deferred<Props extends object>(
  load: () => Promise<{ default: ComponentType<Props> }>,
  options: { minHeight: string; label: string },
): (props: Props) => ReactNode {
  const Component = lazy(load);
  function Deferred(props: Props): ReactNode {
    return (
      <InView minHeight={options.minHeight}>
        <Suspense fallback={<p>Loading {options.label}…</p>}>
          <Component {...props} />
        </Suspense>
      </InView>
    );
  }
  return Deferred;
}
