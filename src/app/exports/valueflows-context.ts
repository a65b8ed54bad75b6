// The JSON-LD context of the ValueFlows export: every term it uses, each mapped onto the
// ValueFlows 1.0 vocabulary (https://w3id.org/valueflows/ont/vf#). It is written into every
// exported document, so a reader expands it without fetching anything. No `@vocab`: a term not
// listed here would be dropped on expansion, which the round-trip test would catch.

export const VF_NAMESPACE = 'https://w3id.org/valueflows/ont/vf#';

/** Units of the Ontology of units of Measure (OM 2), which ValueFlows units refer to. */
export const OM2 = 'http://www.ontology-of-units-of-measure.org/resource/om-2/';

const id = (term: string) => ({ '@id': `vf:${term}`, '@type': '@id' });
const vocab = (term: string) => ({ '@id': `vf:${term}`, '@type': '@vocab' });
const timeStamp = (term: string) => ({ '@id': `vf:${term}`, '@type': 'xsd:dateTimeStamp' });

const CLASSES = [
  'Person',
  'Organization',
  'EconomicEvent',
  'Process',
  'ProcessSpecification',
  'ResourceSpecification',
  'Recipe',
  'RecipeProcess',
  'RecipeFlow',
  'Unit',
  'Measure',
] as const;

/** The actions the export uses (vf:Action individuals). */
export const VF_ACTIONS = [
  'work',
  'transferCustody',
  'deliverService',
  'produce',
  'consume',
] as const;

export type VfAction = (typeof VF_ACTIONS)[number];

export const VALUEFLOWS_CONTEXT = {
  vf: VF_NAMESPACE,
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  ...Object.fromEntries(CLASSES.map((term) => [term, `vf:${term}`])),
  ...Object.fromEntries(VF_ACTIONS.map((term) => [term, `vf:${term}`])),
  name: 'vf:name',
  note: 'vf:note',
  label: 'vf:label',
  symbol: 'vf:symbol',
  omUnitIdentifier: { '@id': 'vf:omUnitIdentifier', '@type': 'xsd:anyURI' },
  action: vocab('action'),
  provider: id('provider'),
  receiver: id('receiver'),
  inputOf: id('inputOf'),
  inScopeOf: id('inScopeOf'),
  resourceConformsTo: id('resourceConformsTo'),
  processConformsTo: id('processConformsTo'),
  primaryOutput: id('primaryOutput'),
  recipeIncludes: id('recipeIncludes'),
  recipeInputOf: id('recipeInputOf'),
  recipeOutputOf: id('recipeOutputOf'),
  hasUnit: id('hasUnit'),
  hasNumericalValue: 'vf:hasNumericalValue',
  effortQuantity: 'vf:effortQuantity',
  resourceQuantity: 'vf:resourceQuantity',
  hasBeginning: timeStamp('hasBeginning'),
  hasEnd: timeStamp('hasEnd'),
} as const;
