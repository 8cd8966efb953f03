/**
 * `@infra/bandit/kl-ucb`: KL-UCB (Garivier & Cappé 2011), a stationary index policy for bounded rewards
 * whose index is the largest mean the Bernoulli KL divergence still allows at the current exploration
 * level — tighter than UCB1's Hoeffding bonus, at the cost of one root solve per arm per decision — and
 * {@link bernoulliKl}, the divergence it inverts. It takes the same options as `ucb1` (arms, reward range,
 * floor, `nonStationary` forgetting) and its state works with `serializeBandit` / `deserializeBandit` and
 * `changePointReset`; it lives in its own subpath to keep the main entry small.
 *
 * @packageDocumentation
 */
export { klUCB, type KlUcbOptions } from './kl-ucb-policy.js';
export { bernoulliKl } from './kl-index.js';
