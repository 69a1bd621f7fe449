import type { Assets } from '../../../../shared/docs/account';
import { ActionNotice, Field, useAction } from '../../refusals';
import { adminCall } from '../../staffSession';

/** The tags as typed: comma-separated, blanks dropped. */
const tagsOf = (typed: string) =>
  typed
    .split(/[,，]/)
    .map((tag) => tag.trim())
    .filter(Boolean);

/** A member's tags, set all at once; the hub's refusal (a role without `members:write`, a tag too long) in place. */
export const TagEditor = ({
  memberId,
  tags,
  onSaved,
}: {
  memberId: string;
  tags: string[];
  onSaved: (assets: Assets) => void;
}) => {
  const action = useAction();
  const save = async (event: Event) => {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget as HTMLFormElement).get('tags') ?? '');
    const assets = await action.run(() =>
      adminCall<Assets>('PUT', `/api/admin/members/${memberId}/tags`, { tags: tagsOf(typed) }),
    );
    if (assets) onSaved(assets);
  };
  return (
    <form class="panel form-grid" id="member-tags" aria-label="Tags" onSubmit={save}>
      <h2>Tags</h2>
      <Field label="Tags, separated by commas" name="tags" action={action} hint="e.g. VIP, wholesale">
        <input name="tags" value={tags.join(', ')} autocomplete="off" />
      </Field>
      <div class="form-actions">
        <button class="button" type="submit" disabled={action.busy}>
          Save tags
        </button>
        <ActionNotice action={action} fields={['tags']} />
      </div>
    </form>
  );
};
