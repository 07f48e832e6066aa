/** Feature-state expressions shared by the layers: hover and selection change paint, never data. */
import type { ExpressionSpecification } from 'maplibre-gl';

/** True while the pointer is over the feature. */
export const hovered = ['boolean', ['feature-state', 'hover'], false] as const satisfies ExpressionSpecification;

/** True while the feature is shown in the details panel. */
export const selected = ['boolean', ['feature-state', 'selected'], false] as const satisfies ExpressionSpecification;
