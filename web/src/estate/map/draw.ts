/** Label drawing in the map's theme (sigma's default hover box is always white, unreadable on dark). */
import { drawDiscNodeLabel, type NodeHoverDrawingFunction } from 'sigma/rendering';
import type { EdgeAttributes, NodeAttributes } from './graph';
import type { Palette } from './palette';

export function hoverDrawer(palette: Palette): NodeHoverDrawingFunction<NodeAttributes, EdgeAttributes> {
  return (context, data, settings) => {
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const padding = 3;
    const radius = Math.max(data.size, size / 2) + padding;
    context.fillStyle = palette.labelBox;
    context.strokeStyle = palette.edgeStrong;
    context.lineWidth = 1;
    context.beginPath();
    if (typeof data.label === 'string') {
      const width = context.measureText(data.label).width + 8;
      const height = size + 2 * padding;
      context.roundRect(data.x - radius, data.y - height / 2, radius * 2 + width, height, 4);
    } else {
      context.arc(data.x, data.y, radius, 0, Math.PI * 2);
    }
    context.fill();
    context.stroke();
    drawDiscNodeLabel(context, data, settings);
  };
}
