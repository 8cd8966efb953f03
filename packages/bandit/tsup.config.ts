import { packageBuild } from '../../tsup.shared.ts';

export default packageBuild(['src/index.ts', 'src/testing.ts', 'src/ope.ts', 'src/offline.ts', 'src/indigo.ts', 'src/nonstationary.ts', 'src/hybrid.ts', 'src/kl-ucb.ts']);
