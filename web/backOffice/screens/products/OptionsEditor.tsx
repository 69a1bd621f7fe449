import { Notice } from '../../../ui/Notice';
import type { Action } from '../../refusals';
import type { TypedOption } from './productOptions';

/** Up to five spec options (颜色, 尺码…), each with its values; the hub's refusal naming one shows under it. */
export const OptionsEditor = ({
  options,
  onChange,
  action,
}: {
  options: TypedOption[];
  onChange: (options: TypedOption[]) => void;
  action: Action;
}) => {
  const set = (i: number, patch: Partial<TypedOption>) =>
    onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <fieldset class="wide options-editor" data-field="options">
      <legend>Options</legend>
      {options.map((option, i) => {
        const refused = action.on(`options.${i}`);
        return (
          <div class="option-line" data-option={i}>
            <input
              aria-label={`Option ${i + 1} name`}
              placeholder="Name, e.g. 颜色"
              value={option.name}
              onInput={(event: Event) => set(i, { name: (event.target as HTMLInputElement).value })}
            />
            <input
              aria-label={`Option ${i + 1} values`}
              placeholder="Values, e.g. 白, 黑"
              value={option.values}
              onInput={(event: Event) => set(i, { values: (event.target as HTMLInputElement).value })}
            />
            <button
              class="button"
              data-kind="quiet"
              type="button"
              onClick={() => onChange(options.filter((_, j) => j !== i))}
            >
              Remove
            </button>
            {refused && <Notice message={refused.message} />}
          </div>
        );
      })}
      {action.on('options') && !options.some((_, i) => action.on(`options.${i}`)) && (
        <Notice message={action.on('options')?.message ?? null} />
      )}
      <button
        class="button"
        data-kind="quiet"
        type="button"
        disabled={options.length >= 5}
        onClick={() => onChange([...options, { name: '', values: '' }])}
      >
        Add option
      </button>
    </fieldset>
  );
};
