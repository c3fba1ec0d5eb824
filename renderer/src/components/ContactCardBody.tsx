import type { MessageBody } from '../../../shared/src/index.js';
import { formatPhoneNumber } from '../names/bestName.js';
import { Avatar } from './Avatar.js';

type ContactCard = Extract<MessageBody, { kind: 'contactCard' }>;

/** First TEL line of the vCard, for display only. */
export function phoneFromVcard(vcard: string): string | null {
  const line = vcard.split(/\r?\n/).find((l) => /^TEL/i.test(l));
  return line?.split(':').slice(1).join(':').trim() || null;
}

export function ContactCardBody({ body }: { readonly body: ContactCard }) {
  const raw = phoneFromVcard(body.vcard);
  // vCards carry "+15550102002": group it the way the rest of the app shows numbers.
  const phone = raw !== null && /^\+?\d{7,15}$/.test(raw) ? formatPhoneNumber(raw) : raw;
  return (
    <div className="contact-card">
      <div className="contact-card-main">
        <Avatar id={body.displayName} name={body.displayName} />
        <div>
          <strong>{body.displayName}</strong>
          {phone && <span className="muted">{phone}</span>}
        </div>
      </div>
      <div className="contact-card-footer">Contact card</div>
    </div>
  );
}
