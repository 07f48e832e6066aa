/** What every funding chart is given besides its data. */
export interface FundingChartProps {
	/** Partner id → colour (see `partnerColours`). */
	colours: Record<number, string>;
	/** The chart's accessible name (SVG `<title>`). */
	title: string;
	/** What the chart shows, for screen readers (SVG `<desc>`). */
	description: string;
	/** Full amount label (node captions, tooltips, totals). */
	format: (euros: number) => string;
}
