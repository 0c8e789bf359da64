/** An optional text kept in both languages: none without its French, English falling back on it. */
export function optionalText(fr: string | null, en: string | null) {
  return fr === null ? null : { fr, en: en ?? fr };
}

/** The name and help of a catalog's piece (article, category), stored `name_fr`… `help_en`. */
export function nameAndHelp(row: {
  name_fr: string;
  name_en: string;
  help_fr: string | null;
  help_en: string | null;
}) {
  return {
    name: { fr: row.name_fr, en: row.name_en },
    help: optionalText(row.help_fr, row.help_en),
  };
}
