import { useEffect, useRef } from 'react';
import { ESCAPE_EVENT } from '../useKeyboardShortcuts.js';

/** Open layers (menus, dialogs), innermost last: Esc closes only the innermost one. */
const layers: symbol[] = [];

/**
 * Registers an Esc-closable layer for as long as the component is mounted.
 *
 *   useEscapeLayer(onClose);   // in a dialog or menu
 */
export function useEscapeLayer(onEscape: () => void): void {
  const handler = useRef(onEscape);
  useEffect(() => {
    handler.current = onEscape;
  }, [onEscape]);
  useEffect(() => {
    const token = Symbol('layer');
    layers.push(token);
    const onEvent = (event: Event) => {
      if (layers[layers.length - 1] !== token || event.defaultPrevented) return;
      event.preventDefault();
      handler.current();
    };
    window.addEventListener(ESCAPE_EVENT, onEvent);
    return () => {
      window.removeEventListener(ESCAPE_EVENT, onEvent);
      layers.splice(layers.indexOf(token), 1);
    };
  }, []);
}
