// Peer projects (MODEL.md M1): maintainers, named confirmers, pools, forking (a person's
// membership is their pool membership, decision 0023).
export * from './project.ts';
