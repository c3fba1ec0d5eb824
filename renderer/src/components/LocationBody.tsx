import type { MessageBody } from '../../../shared/src/index.js';
import { Icon } from './Icon.js';

type Location = Extract<MessageBody, { kind: 'location' }>;

/** No map tiles (the CSP allows no third-party images): a drawn map card that opens OpenStreetMap. */
export function LocationBody({ body }: { readonly body: Location }) {
  const href = `https://www.openstreetmap.org/?mlat=${body.latitude}&mlon=${body.longitude}#map=16/${body.latitude}/${body.longitude}`;
  return (
    <a
      className="location"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={`Location ${body.name ?? ''} — open map`}
    >
      <div className="location-map" aria-hidden="true">
        <Icon name="location" size={36} className="location-pin" />
      </div>
      <div className="location-text">
        <strong>{body.name ?? 'Shared location'}</strong>
        <span className="muted">{body.address ?? `${body.latitude.toFixed(5)}, ${body.longitude.toFixed(5)}`}</span>
      </div>
    </a>
  );
}
