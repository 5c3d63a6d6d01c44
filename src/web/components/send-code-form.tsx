import type { PageContext } from '../page-context.js';
import { PostForm } from './post-form.js';

/** "Send a new code" on one channel: sending changes state, so it is a button that posts, not a link. */
export function SendCodeForm({ ctx, action, channel, label }: { ctx: PageContext; action: string; channel: string; label: string }) {
  return (
    <PostForm ctx={ctx} action={action} class="resend-form">
      <input type="hidden" name="channel" value={channel} />
      <button type="submit" class="button">
        {label}
      </button>
    </PostForm>
  );
}
