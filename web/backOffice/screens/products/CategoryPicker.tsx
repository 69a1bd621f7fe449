import { Notice } from '../../../ui/Notice';
import type { Action } from '../../refusals';

/** The categories the product is shown under, picked from the category tree. */
export const CategoryPicker = ({
  categories,
  chosen,
  onChange,
  action,
}: {
  categories: Array<{ id: string; name: string }>;
  chosen: string[];
  onChange: (ids: string[]) => void;
  action: Action;
}) => {
  const refused = action.on('categoryIds');
  return (
    <fieldset class="wide category-picker" data-field="categoryIds" data-invalid={refused ? '' : undefined}>
      <legend>Categories</legend>
      <div class="category-choices">
        {categories.map((category) => (
          <label>
            <input
              type="checkbox"
              value={category.id}
              checked={chosen.includes(category.id)}
              onChange={(event: Event) =>
                onChange(
                  (event.target as HTMLInputElement).checked
                    ? [...chosen, category.id]
                    : chosen.filter((id) => id !== category.id),
                )
              }
            />
            {category.name}
          </label>
        ))}
      </div>
      {categories.length === 0 && <small class="muted">No categories yet.</small>}
      {refused && <Notice message={refused.message} />}
    </fieldset>
  );
};
