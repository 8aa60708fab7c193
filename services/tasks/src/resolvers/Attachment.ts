import type { AttachmentResolvers } from '../generated/resolvers-types';
import { downloadUrl } from '../queries/attachments';

export const Attachment: AttachmentResolvers = {
  downloadUrl: (a, _args, ctx) => (a.status === 'STORED' ? downloadUrl(ctx, a) : null),
};
