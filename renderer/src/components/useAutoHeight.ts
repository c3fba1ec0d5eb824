import { type RefObject, useLayoutEffect } from 'react';

const MAX_COMPOSER_HEIGHT_PX = 160;

/** Grows a textarea with its content, up to a cap (then it scrolls). */
export function useAutoHeight(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(MAX_COMPOSER_HEIGHT_PX, element.scrollHeight)}px`;
  }, [ref, value]);
}
