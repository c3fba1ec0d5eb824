import type { CSSProperties } from 'react';
import { initialsOf } from '../names/bestName.js';
import { Icon } from './Icon.js';

/** Colour derived from a stable id, so a person keeps their colour across reloads. */
export function hueOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}

export function Avatar({
  id,
  name,
  size = 'md',
  isGroup = false,
}: {
  readonly id: string;
  readonly name: string;
  readonly size?: 'sm' | 'md' | 'lg' | 'xl';
  readonly isGroup?: boolean;
}) {
  return (
    <div
      className={`avatar avatar-${size}${isGroup ? ' avatar-group' : ''}`}
      style={{ '--avatar-hue': hueOf(id) } as CSSProperties}
      aria-hidden="true"
    >
      {/^[+\d\s()-]+$/.test(name) ? (
        <Icon name={isGroup ? 'chats' : 'contact'} size={size === 'sm' ? 18 : size === 'xl' ? 64 : 28} />
      ) : (
        initialsOf(name)
      )}
    </div>
  );
}
