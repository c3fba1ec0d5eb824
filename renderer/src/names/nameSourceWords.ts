import type { NameSource } from '../../../shared/src/index.js';
import { missingCaseError } from '../util/missingCaseError.js';

/** Where a name came from, as the contact panel explains it. */
export function describeNameSource(source: NameSource): string {
  switch (source) {
    case 'alias':
      return 'Your alias (only on this computer)';
    case 'phoneBook':
      return 'Your phone’s contacts';
    case 'business':
      return 'Business profile';
    case 'pushName':
      return 'Their WhatsApp profile name';
    case 'number':
      return 'Phone number';
    default:
      throw missingCaseError(source);
  }
}
