-- The visitor's language (issue 11): detected from their messages, with the browser's as the
-- fallback; and the language each article is written in (front-matter `lang`, detected when absent).
ALTER TABLE conversations ADD COLUMN language text;
ALTER TABLE conversations ADD COLUMN browser_language text;
ALTER TABLE articles ADD COLUMN lang text NOT NULL DEFAULT 'en';
CREATE INDEX articles_lang ON articles (lang);
