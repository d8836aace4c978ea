import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A service screen's heading. It takes the focus when the screen opens, so a screen reader
 * says where the technician is and the keyboard starts from the top of the new screen.
 */
export function ScreenTitle({ id, children }: { id: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <h1 id={id} ref={heading} tabIndex={-1} className="service-title">
      {children}
    </h1>
  );
}
