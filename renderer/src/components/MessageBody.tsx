import type { Message } from '../../../shared/src/index.js';
import { missingCaseError } from '../util/missingCaseError.js';
import { ContactCardBody } from './ContactCardBody.js';
import { Icon } from './Icon.js';
import { LocationBody } from './LocationBody.js';
import { MediaBody } from './MediaBody.js';
import { PollBody } from './PollBody.js';
import { RichText } from './RichText.js';

export function MessageBody({ message }: { readonly message: Message }) {
  const body = message.body;
  switch (body.kind) {
    case 'text':
      return <RichText text={body.text} />;
    case 'media':
      return <MediaBody message={message} media={body.media} caption={body.caption} />;
    case 'location':
      return <LocationBody body={body} />;
    case 'contactCard':
      return <ContactCardBody body={body} />;
    case 'poll':
      return <PollBody body={body} accountId={message.accountId} />;
    case 'deleted':
      return (
        <p className="bubble-text is-deleted">
          <Icon name="close" size={16} /> {message.isFromMe ? 'You deleted this message' : 'This message was deleted'}
        </p>
      );
    case 'unsupported':
      return (
        <p className="bubble-text is-unsupported" title={`WhatsApp type: ${body.waType}`}>
          <Icon name="phone" size={16} /> This message type isn’t supported here yet. Open WhatsApp on your phone to see
          it.
        </p>
      );
    default:
      throw missingCaseError(body);
  }
}
