/**
 * Bridge limits. A command larger than this is refused with PAYLOAD_TOO_LARGE before parsing,
 * so a hostile or buggy renderer cannot make main allocate without bound.
 */
export const MAX_COMMAND_BYTES = 16 * 1024 * 1024;
/** Attachments travel base64-encoded inside a command; this keeps them under MAX_COMMAND_BYTES. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_PAGE_SIZE = 500;
export const MAX_TEXT_LENGTH = 65_536;
