import type { ComponentChildren } from 'preact';

/**
 * What the console shows one time only (a help-desk PIN, an application's secret), each value
 * beside its name, then the warning that it is not shown again and the way back.
 */
export function ShownOnce({ values, once, children }: { values: readonly (readonly [label: string, value: string])[]; once: string; children: ComponentChildren }) {
  return (
    <>
      <dl class="facts">
        {values.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <output class="pin">{value}</output>
            </dd>
          </div>
        ))}
      </dl>
      <p class="notice">{once}</p>
      <p>{children}</p>
    </>
  );
}
