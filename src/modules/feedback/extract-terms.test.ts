import { describe, expect, it } from 'vitest';
import { describeTheme, type TAnalysedText } from './describe-theme.ts';
import { extractTerms } from './extract-terms.ts';
import { groupTexts } from './group-texts.ts';

const keys = (text: string) => extractTerms(text).terms.map((term) => term.key);

describe('extractTerms', () => {
  it('tells English from Spanish by function words and Spanish-only letters', () => {
    expect(extractTerms('Support is slow.').language).toBe('en');
    expect(extractTerms('El soporte es lento.').language).toBe('es');
    expect(extractTerms('Muy lento, no se puede usar').language).toBe('es');
    expect(extractTerms('Integración con HubSpot').language).toBe('es');
    expect(extractTerms('Dashboard not loading').language).toBe('en');
  });

  it('stems Spanish with the Spanish stemmer and English with the English one', () => {
    expect(extractTerms('El precio').terms[0]!.stem).toBe(extractTerms('Los precios').terms[0]!.stem);
    expect(keys('precio')).toEqual(['#price']); // one word, no clue to its language
    expect(extractTerms('the price').terms[0]!.stem).toBe(extractTerms('the prices').terms[0]!.stem);
    expect(extractTerms('Faltan reportes personalizados').terms.map((t) => t.stem)).toEqual([
      'falt',
      'report',
      'personaliz',
    ]);
  });

  it('maps curated synonyms of both languages to one concept, and only in their own language', () => {
    for (const text of ['Too expensive', 'Hard to justify the price', 'Muy caro', 'El precio es alto']) {
      expect(keys(text)).toContain('#price');
    }
    // "caro" stems to "car" in Spanish; an English "car" is not a price complaint.
    expect(keys('The car park is full')).not.toContain('#price');
    expect(keys('Integration with HubSpot')).toEqual(['#integration', 'hubspot']);
    expect(keys('Integracion con HubSpot')).toEqual(['#integration', 'hubspot']); // typed without accents
  });

  it('drops stop words, praise, short words and numbers', () => {
    expect(keys('It is what it is.')).toEqual([]);
    expect(keys('Es lo que es, muy bien')).toEqual([]);
    expect(keys('Love it! 10/10 great')).toEqual([]);
  });
});

describe('groupTexts and describeTheme', () => {
  const analyse = (texts: string[]): TAnalysedText[] =>
    texts.map((text, i) => ({
      source: 'survey',
      id: `s${i}`,
      account_id: 'a',
      survey: 'nps',
      score: 5,
      date: '2024-03-01',
      text,
      ...extractTerms(text),
    }));

  it('puts each text in the theme of its most shared keyword, and needs two texts for a theme', () => {
    const texts = analyse(['Support is slow', 'Support never answers', 'Very slow exports', 'Exports fail']);
    // support 2, slow 2, export 2: concepts first, "#slow" sorts before "#support"; slow takes texts 0
    // and 2, leaving one support text and one export text, too few for a theme.
    const groups = groupTexts(texts, { minCount: 2, maxGroups: 10 });
    expect(groups).toEqual([{ key: '#slow', indexes: [0, 2] }]);
  });

  it('labels a theme that is no concept by its common phrase', () => {
    const texts = analyse(['Custom fields are missing', 'Need custom fields per region', 'Custom colors']);
    const [group] = groupTexts(texts, { minCount: 2, maxGroups: 10 });
    expect(group).toEqual({ key: 'custom', indexes: [0, 1, 2] });
    expect(describeTheme(group!.key, texts).theme).toBe('custom fields');
  });
});
