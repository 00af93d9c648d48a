// The xml layer of the engine: parsing with limits, serialization, DOM helpers and builder, node
// paths, Id resolution, canonicalization and the names of every spec version (DESIGN.md §1).

export * from './parse.ts';
export * from './serialize.ts';
export * from './dom.ts';
export * from './path.ts';
export * from './ids.ts';
export * from './c14n.ts';
export * from './names.ts';
