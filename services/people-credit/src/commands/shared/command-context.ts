import type { Context } from '../../context';

/** What a command needs of the request: who acts, and the service's messaging (one transaction, with its events). */
export type CommandContext = Pick<Context, 'identity' | 'runtime'>;
