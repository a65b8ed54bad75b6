// Peer projects (MODEL.md M1): membership, maintainers, named confirmers, pools, forking.
export * from './project.ts';
