/** A change that just succeeded, announced politely (nothing when there is none). */
export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p class="notice notice--success" role="status">
      {text}
    </p>
  );
}
