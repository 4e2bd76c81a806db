import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkLinkgraph from 'linkgraph/remark';

export default {
  plugins: [remarkFrontmatter, remarkGfm, remarkLinkgraph],
};
