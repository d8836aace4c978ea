type Props = { title: string; detail: string; childMode?: boolean };

/** Shown only once the answer is committed. */
export function ThanksScreen({ title, detail, childMode = false }: Props) {
  return (
    <main
      data-screen="thanks"
      data-child={childMode ? 'true' : undefined}
      className="screen thanks"
    >
      <div role="status" className="thanks-message">
        <svg className="thanks-mark" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
          <path
            className="thanks-heart"
            d="M50 86C22 66 10 51 10 34C10 21 20 12 31 12C39 12 46 16 50 23C54 16 61 12 69 12C80 12 90 21 90 34C90 51 78 66 50 86Z"
          />
        </svg>
        <h1 className="thanks-title">{title}</h1>
        <p className="thanks-detail">{detail}</p>
      </div>
    </main>
  );
}
